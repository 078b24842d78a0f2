package io.vigil.api.deployment;

/** Where a deployment is in its life. */
public enum DeploymentState { PLANNED, ACTIVE, STOPPED }
