package dev.walrus.client;

import java.util.Objects;

/**
 * How a store obtained the registration of its blob — Walrus's {@code RegisterBlobOp}, reported
 * as the {@code resourceOperation} of a newly created blob.
 *
 * @param encodedLength the blob's encoded size, which the storage must hold
 * @param epochs for {@link Kind#REGISTER_FROM_SCRATCH} the epochs bought ({@code epochsAhead}),
 *     for the two extensions the epochs added ({@code epochsExtended}); otherwise 0
 */
public record ResourceOperation(Kind kind, long encodedLength, int epochs) {

  /** The five ways, with Walrus's JSON names. */
  public enum Kind {
    /** New storage was bought and a new Blob object registered. */
    REGISTER_FROM_SCRATCH("registerFromScratch"),
    /** Storage the wallet owned (split to size if bigger) was used to register a new Blob object. */
    REUSE_STORAGE("reuseStorage"),
    /** A Blob object of this blob ID the wallet had registered, but not certified, was certified. */
    REUSE_REGISTRATION("reuseRegistration"),
    /** A certified Blob object the wallet owned was extended to the requested end epoch. */
    REUSE_AND_EXTEND("reuseAndExtend"),
    /** A registered, uncertified Blob object the wallet owned was certified and extended. */
    REUSE_AND_EXTEND_NON_CERTIFIED("reuseAndExtendNonCertified");

    private final String jsonName;

    Kind(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }
  }

  public ResourceOperation {
    Objects.requireNonNull(kind, "kind");
  }

  /** Whether the blob's slivers were uploaded (all but an extension of a certified blob). */
  public boolean uploads() {
    return kind != Kind.REUSE_AND_EXTEND;
  }
}
