package io.vigil.api.deployment;

/** Event Admin topics announcing deployment changes. Property {@code deployment.id}. */
public final class DeploymentTopics {
    public static final String CHANGED = "io/vigil/deployment/CHANGED";

    private DeploymentTopics() {
    }
}
