package io.kube9.charts.repository.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who a lifecycle change is recorded as: GitHub Actions' environment, or nobody. */
class ActorTest {
    @Test
    void inGitHubActionsTheActorAndTheRunAreRecorded() {
        assertEquals(new Actor("octocat", "https://github.com/alto9/kube9-charts/actions/runs/123"), Actor.fromEnvironment(Map.of(
                "GITHUB_ACTOR", "octocat", "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "alto9/kube9-charts",
                "GITHUB_RUN_ID", "123")));
    }

    @Test
    void elsewhereNobodyIsNamedAndARunUrlIsOnlyEverHttps() {
        assertEquals(Actor.NONE, Actor.fromEnvironment(Map.of()));
        assertEquals(new Actor("octocat", null), Actor.fromEnvironment(Map.of("GITHUB_ACTOR", "octocat", "GITHUB_RUN_ID", "1")));
        assertEquals(new Actor(null, null), Actor.fromEnvironment(Map.of("GITHUB_SERVER_URL", "javascript:alert(1)//",
                "GITHUB_REPOSITORY", "a/b", "GITHUB_RUN_ID", "1")));
    }
}
