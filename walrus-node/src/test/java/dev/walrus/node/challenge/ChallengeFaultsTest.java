package dev.walrus.node.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ChallengeFaultsTest {
  @Test
  void parsesDropAndLose() {
    ChallengeFaults f = ChallengeFaults.parse("drop@3:1+0.7, lose@2:2, lazy");
    assertThat(f.dropEpoch()).isEqualTo(OptionalInt.of(3));
    assertThat(f.dropShards()).isEqualTo(1);
    assertThat(f.dropAtPermille()).isEqualTo(700);
    assertThat(f.loseEpoch()).isEqualTo(OptionalInt.of(2));
    assertThat(f.loseShards()).isEqualTo(2);
    assertThat(f.loseAtPermille()).isEqualTo(100);
    assertThat(f.lazy()).isTrue();
    assertThat(ChallengeFaults.parse("lose@4+0.3").loseShards()).isEqualTo(1);
    assertThat(ChallengeFaults.parse("lose@4+0.3").loseAtPermille()).isEqualTo(300);
    assertThat(ChallengeFaults.parse("drop@2").dropShards()).isEqualTo(Integer.MAX_VALUE);
    assertThat(ChallengeFaults.parse("").any()).isFalse();
  }

  @Test
  void unknownFaultsAreRefused() {
    assertThatThrownBy(() -> ChallengeFaults.parse("melt")).isInstanceOf(IllegalArgumentException.class);
  }
}
