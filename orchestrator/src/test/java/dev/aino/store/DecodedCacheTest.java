package dev.aino.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Instance;
import dev.aino.testing.Fixtures;
import org.junit.jupiter.api.Test;

class DecodedCacheTest {
  private final Instance web = Fixtures.instance("web", "a");

  @Test
  void anObjectIsFoundOnlyAtTheRevisionItWasStoredAt() {
    DecodedCache cache = new DecodedCache(10_000);
    cache.put("instances/web/web-a", 7, web.withRevision(7), 400);

    assertThat(cache.get(Instance.class, "instances/web/web-a", 7)).isEqualTo(web.withRevision(7));
    assertThat(cache.get(Instance.class, "instances/web/web-a", 8)).isNull();
    assertThat(cache.get(Instance.class, "instances/web/web-b", 7)).isNull();
  }

  @Test
  void aWrittenObjectIsStampedWithItsRevisionWhenFirstRead() {
    DecodedCache cache = new DecodedCache(10_000);
    cache.put("instances/web/web-a", 9, web, 400);

    assertThat(cache.get(Instance.class, "instances/web/web-a", 9).revision()).isEqualTo(9);
  }

  @Test
  void anOlderRevisionNeverReplacesANewerOne() {
    DecodedCache cache = new DecodedCache(10_000);
    cache.put("instances/web/web-a", 9, web.withRevision(9), 400);
    cache.put("instances/web/web-a", 8, web.withRevision(8), 400);

    assertThat(cache.get(Instance.class, "instances/web/web-a", 9)).isNotNull();
    assertThat(cache.get(Instance.class, "instances/web/web-a", 8)).isNull();
  }

  @Test
  void passingTheBoundEmptiesItAndDeletesAreForgotten() {
    DecodedCache cache = new DecodedCache(1_000);
    cache.put("instances/web/web-a", 1, web, 400);
    cache.put("instances/web/web-b", 2, web, 400);
    cache.remove("instances/web/web-b");
    cache.put("instances/web/web-c", 3, web, 400);
    assertThat(cache.size()).isEqualTo(2);

    cache.put("instances/web/web-d", 4, web, 400);
    assertThat(cache.size()).isZero();
    cache.put("instances/web/web-e", 5, web, 2_000);
    assertThat(cache.size()).isZero();
  }

  @Test
  void theBoundIsInclusiveAndARewrittenKeyCountsOnlyItsNewSize() {
    DecodedCache cache = new DecodedCache(1_000);
    cache.put("instances/web/web-a", 1, web, 1_000); // exactly the bound: kept
    assertThat(cache.size()).isEqualTo(1);

    cache.put("instances/web/web-a", 2, web, 600); // replaces 1,000 bytes with 600
    cache.put("instances/web/web-b", 3, web, 400); // 1,000 again: kept
    assertThat(cache.size()).isEqualTo(2);

    cache.put("instances/web/web-c", 4, web, 1); // one past the bound: emptied
    assertThat(cache.size()).isZero();
  }

  @Test
  void theSameRevisionPutAgainReplacesAndAnotherTypeIsAMiss() {
    DecodedCache cache = new DecodedCache(10_000);
    Instance placed = web.toBuilder().node("n1").build().withRevision(9);
    cache.put("instances/web/web-a", 9, web.withRevision(9), 400);
    cache.put("instances/web/web-a", 9, placed, 400);

    assertThat(cache.get(Instance.class, "instances/web/web-a", 9)).isEqualTo(placed);
    assertThat(cache.get(dev.aino.model.Workload.class, "instances/web/web-a", 9)).isNull();
  }
}
