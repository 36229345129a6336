package dev.walrus.ledger.state.system;

/**
 * The Move module names and abort codes (ledger.md §9.3) the system rules fail with, so that an
 * aborted transaction reports exactly what Walrus's contract would and tests can assert it.
 * Names follow the Move constants ({@code EStorageExceeded} → {@code SYS_STORAGE_EXCEEDED}).
 */
public final class AbortCodes {
  private AbortCodes() {}

  public static final String SYSTEM = "system_state_inner";
  public static final int SYS_STORAGE_EXCEEDED = 1;
  public static final int SYS_INVALID_EPOCHS_AHEAD = 2;
  public static final int SYS_INVALID_ID_EPOCH = 3;
  public static final int SYS_INCORRECT_COMMITTEE = 4;
  public static final int SYS_INVALID_ACCOUNTING_EPOCH = 5;
  public static final int SYS_INVALID_RESOURCE_SIZE = 11;

  public static final String ACCOUNTING = "storage_accounting";
  public static final int ACC_TOO_FAR_IN_FUTURE = 0;

  public static final String STORAGE = "storage_resource";
  public static final int STORAGE_INVALID_EPOCH = 0;
  public static final int STORAGE_INCOMPATIBLE_EPOCHS = 1;
  public static final int STORAGE_INCOMPATIBLE_AMOUNT = 2;
  public static final int STORAGE_INVALID_EPOCH_RANGE = 3;

  public static final String BLOB = "blob";
  public static final int BLOB_NOT_CERTIFIED = 0;
  public static final int BLOB_NOT_DELETABLE = 1;
  public static final int BLOB_RESOURCE_BOUNDS = 2;
  public static final int BLOB_RESOURCE_SIZE = 3;
  public static final int BLOB_ALREADY_CERTIFIED = 5;
  public static final int BLOB_INVALID_BLOB_ID = 6;
  public static final int BLOB_MISSING_METADATA = 8;
  public static final int BLOB_INVALID_PERSISTENCE_TYPE = 9;
  public static final int BLOB_INVALID_OBJECT = 10;

  public static final String ENCODING = "encoding";
  public static final int ENCODING_INVALID_TYPE = 0;

  public static final String BLS = "bls_aggregate";
  public static final int BLS_INVALID_BITMAP = 0;
  public static final int BLS_SIG_VERIFICATION = 1;
  public static final int BLS_NOT_ENOUGH_STAKE = 2;

  public static final String MESSAGES = "messages";
  public static final int MSG_INCORRECT_APP_ID = 0;
  public static final int MSG_INCORRECT_EPOCH = 1;
  public static final int MSG_INVALID_MSG_TYPE = 2;
  public static final int MSG_INCORRECT_INTENT_VERSION = 3;
  public static final int MSG_INVALID_BLOB_PERSISTENCE_TYPE = 4;

  /** {@code sui::bcs}: a message shorter than the fields peeled from it. */
  public static final String BCS = "bcs";
  public static final int BCS_OUT_OF_RANGE = 0;

  /** {@code sui::vec_map}: removing an attribute key that is not there. */
  public static final String VEC_MAP = "vec_map";
  public static final int VEC_MAP_KEY_DOES_NOT_EXIST = 1;

  /**
   * One object passed as two arguments ({@code fuse(a, a)}). Sui refuses such a transaction
   * before Move runs; here it is an abort, since fusing a Storage with itself would double it.
   */
  public static final String OBJECT = "object";
  public static final int OBJECT_USED_TWICE = 3;
}
