package dev.walrus.core.encoding;

import dev.walrus.core.WalrusWasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cross-checks the encoder against Walrus's own on random cases: {@code @mysten/walrus-wasm}
 * 0.3.0 (walrus-core compiled to WebAssembly) run under Node by the vector generator {@code
 * src/test/resources/differential/gen.mjs}, compared field by field with {@link
 * VectorConformanceTest#check}.
 *
 * <p>Needs {@code -Dwalrus.wasm.dir=<dir with node_modules/@mysten/walrus-wasm and @noble/hashes>}
 * and {@code node} on the PATH (or {@code -Dwalrus.node=<path>}); skipped when the property is
 * unset. {@code -Dwalrus.differential.seed=S} repeats a run (the seed is printed), {@code
 * -Dwalrus.differential.cases=C} sets the number of cases (default 12).
 */
@Tag("differential")
class EncoderWasmDifferentialTest {
  private static final long TIMEOUT_SECONDS = 900;
  /** Shard counts worth covering on every run: both Reed–Solomon rates, small and odd codes. */
  private static final int[] FAVOURITE_SHARDS = {4, 5, 6, 7, 8, 9, 13, 25, 31, 52, 100};
  private static final String[] GENERATORS = {"lin31", "zero", "ramp", "lcg", "xs32"};
  private static final int MAX_SIZE = 200_000;

  @TempDir static Path work;

  private static WalrusWasm wasm;
  private static Path script;

  @BeforeAll
  static void locateWasm() throws IOException {
    wasm = WalrusWasm.locate(work);
    script = wasm.script("gen.mjs");
  }

  /** One random case in gen.mjs's {@code N:GENERATOR:SIZE} form. */
  record Case(int nShards, String generator, int size) {
    String spec() {
      return nShards + ":" + generator + ":" + size;
    }
  }

  /**
   * {@code count} cases from {@code seed}: half of the shard counts from {@link
   * #FAVOURITE_SHARDS}, the rest uniform in [4, 300]; sizes spread over empty, tiny, the edges of
   * a symbol-size step and up to {@value #MAX_SIZE} bytes; now and then one byte over the
   * maximum blob size of a small code, which must fail with DataTooLarge on both sides.
   */
  static List<Case> cases(long seed, int count) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = r.nextBoolean() ? FAVOURITE_SHARDS[r.nextInt(FAVOURITE_SHARDS.length)] : r.nextInt(4, 301);
      EncodingConfig config = EncodingConfig.forShards(n);
      long perStep = (long) config.primarySymbols() * config.secondarySymbols() * 2;
      long size =
          switch (r.nextInt(10)) {
            case 0 -> r.nextInt(3); // 0, 1 or 2 bytes
            case 1, 2 -> r.nextInt(1, 1_000);
            case 3, 4 -> r.nextInt(1_000, 65_537);
            case 5, 6 -> r.nextInt(65_537, MAX_SIZE + 1);
            // Symbol size steps every p·s·2 bytes: land on a step, or one byte either side.
            case 7, 8 -> perStep * r.nextLong(1, MAX_SIZE / perStep + 2) + r.nextInt(-1, 2);
            default -> n <= 5 ? config.maxBlobSize() + r.nextInt(0, 2) : r.nextInt(MAX_SIZE + 1);
          };
      cases.add(new Case(n, GENERATORS[r.nextInt(GENERATORS.length)], (int) size));
    }
    return cases;
  }

  @TestFactory
  Stream<DynamicTest> encoderMatchesWalrusWasm() throws Exception {
    String seedProperty = System.getProperty("walrus.differential.seed");
    long seed = seedProperty != null && !seedProperty.isBlank() ? Long.parseLong(seedProperty.strip()) : new SecureRandom().nextLong();
    int count = Integer.parseInt(System.getProperty("walrus.differential.cases", "12").strip());
    List<Case> cases = cases(seed, count);
    System.out.println(
        "EncoderWasmDifferentialTest: seed " + seed + ", " + count + " cases (repeat with -Dwalrus.differential.seed="
            + seed + "): " + String.join(" ", cases.stream().map(Case::spec).toList()));

    List<JsonNode> vectors = runGenerator(cases);
    assertThat(vectors).as("one vector per case").hasSameSizeAs(cases);
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      JsonNode v = vectors.get(i);
      tests.add(
          DynamicTest.dynamicTest(
              c.spec() + " (seed " + seed + ")",
              () -> {
                assertThat(v.get("n_shards").asInt()).isEqualTo(c.nShards());
                assertThat(v.get("generator").asString()).isEqualTo(c.generator());
                assertThat(v.get("size").asInt()).isEqualTo(c.size());
                VectorConformanceTest.check(v);
              }));
    }
    return tests.stream();
  }

  /** Runs gen.mjs once for all cases and returns its vectors. */
  private static List<JsonNode> runGenerator(List<Case> cases) throws Exception {
    Path out = Files.createTempFile(work, "vectors", ".json");
    List<String> args = new ArrayList<>(List.of("custom"));
    cases.forEach(c -> args.add(c.spec()));
    args.addAll(List.of("--out", out.toString()));
    wasm.run(script, args, null, TIMEOUT_SECONDS);
    JsonNode doc = JsonMapper.builder().build().readTree(out.toFile());
    assertThat(doc.get("wasm_package_version").asString()).isEqualTo("0.3.0");
    List<JsonNode> vectors = new ArrayList<>();
    doc.get("cases").forEach(vectors::add);
    return vectors;
  }
}
