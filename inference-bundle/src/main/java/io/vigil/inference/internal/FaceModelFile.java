package io.vigil.inference.internal;

/**
 * One of the ONNX files of the pinned model package, with the SHA-256 it must have. The package
 * itself is pinned by npm integrity in {@code models.lock}; the per-file hash is checked again at
 * every load, so a file changed in the cache is refused rather than silently producing other
 * templates.
 */
enum FaceModelFile {
    DETECTOR("fr_detect", "6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854"),
    LANDMARKS("fr_landmark", "f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258"),
    EMBEDDER("fr_feature", "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581");

    /** The npm package carrying the files and its pinned version. */
    static final String PACKAGE = "faceplugin-face-recognition-js";
    static final String PACKAGE_VERSION = "0.0.1";

    private final String name;
    private final String sha256;

    FaceModelFile(String name, String sha256) {
        this.name = name;
        this.sha256 = sha256;
    }

    /** The file name without {@code .onnx}, as DJL's ONNX Runtime engine loads it. */
    String modelName() {
        return name;
    }

    String fileName() {
        return name + ".onnx";
    }

    String sha256() {
        return sha256;
    }
}
