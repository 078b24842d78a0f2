package io.vigil.inference.internal;

/**
 * Head turn and tilt from the 68 landmarks, by fitting a generic 3D face to them (what OpenCV's
 * solvePnP does, under a scaled orthographic camera, which is exact enough for a face a few
 * head-widths from the lens): a least-squares 2x3 projection of the model's points onto the
 * image, made a rotation by orthonormalising its rows; the angles are then read from the
 * direction the face's front points to. Unlike a ratio of distances between points, this does
 * not saturate: a three-quarter face whose nose sits near the cheek's outline is 30-45 degrees,
 * not 90.
 *
 * @param yawDegrees   head turn about the camera's vertical, positive when the nose points to the
 *                     image right
 * @param pitchDegrees head nod about the head's own ear-to-ear axis, positive when the face looks down
 */
record HeadPose(float yawDegrees, float pitchDegrees) {

    /** 68-point iBUG indices of the model points: nose tip, chin, outer eye corners, mouth corners. */
    static final int[] LANDMARKS = {30, 8, 36, 45, 48, 54};

    /**
     * A generic head (the widely used six-point model of OpenCV's head-pose examples), in
     * arbitrary units with x to the image right, y down and z into the head, for a face looking
     * straight at the camera.
     */
    private static final double[][] MODEL = {
            {0, 0, 0},          // nose tip
            {0, 330, 65},       // chin
            {-225, -170, 135},  // image-left eye, outer corner
            {225, -170, 135},   // image-right eye, outer corner
            {-150, 150, 125},   // image-left mouth corner
            {150, 150, 125}};   // image-right mouth corner

    /** The pose of a face from its 68 landmarks in image pixels ({@code points[i] = {x, y}}). */
    static HeadPose fit(float[][] points) {
        int n = LANDMARKS.length;
        double[] modelMean = new double[3];
        double[] imageMean = new double[2];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                modelMean[k] += MODEL[i][k] / n;
            }
            imageMean[0] += points[LANDMARKS[i]][0] / n;
            imageMean[1] += points[LANDMARKS[i]][1] / n;
        }
        // normal equations of image = M * model over the centred points: M = (I^T P)(P^T P)^-1
        double[][] ptp = new double[3][3];
        double[][] itp = new double[2][3];
        for (int i = 0; i < n; i++) {
            double[] p = new double[3];
            for (int k = 0; k < 3; k++) {
                p[k] = MODEL[i][k] - modelMean[k];
            }
            double u = points[LANDMARKS[i]][0] - imageMean[0];
            double v = points[LANDMARKS[i]][1] - imageMean[1];
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    ptp[a][b] += p[a] * p[b];
                }
                itp[0][a] += u * p[a];
                itp[1][a] += v * p[a];
            }
        }
        double[][] inv = invert(ptp);
        double[] r1 = times(itp[0], inv);
        double[] r2 = times(itp[1], inv);
        // nearest orthonormal pair: normalise, then split the angle error between the two rows
        normalise(r1);
        normalise(r2);
        double[] sum = {r1[0] + r2[0], r1[1] + r2[1], r1[2] + r2[2]};
        double[] diff = {r1[0] - r2[0], r1[1] - r2[1], r1[2] - r2[2]};
        normalise(sum);
        normalise(diff);
        double h = Math.sqrt(0.5);
        double[] x = {h * (sum[0] + diff[0]), h * (sum[1] + diff[1]), h * (sum[2] + diff[2])};
        double[] y = {h * (sum[0] - diff[0]), h * (sum[1] - diff[1]), h * (sum[2] - diff[2])};
        double[] z = {x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]};
        // the face's front is the model's -z; in camera axes: (-x[2], -y[2], -z[2]), toward the camera when frontal
        double frontX = -x[2];
        double frontY = -y[2];
        double frontZ = z[2];
        double yaw = Math.toDegrees(Math.atan2(frontX, frontZ));
        double pitch = Math.toDegrees(Math.atan2(frontY, Math.hypot(frontX, frontZ)));
        return new HeadPose((float) yaw, (float) pitch);
    }

    private static double[] times(double[] row, double[][] m) {
        double[] out = new double[3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                out[a] += row[b] * m[b][a];
            }
        }
        return out;
    }

    private static void normalise(double[] v) {
        double len = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (len > 0) {
            v[0] /= len;
            v[1] /= len;
            v[2] /= len;
        }
    }

    /** Inverse of a symmetric positive definite 3x3 matrix by its adjugate. */
    private static double[][] invert(double[][] m) {
        double[][] c = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double[][] minor = new double[2][2];
                int r = 0;
                for (int a = 0; a < 3; a++) {
                    if (a == i) {
                        continue;
                    }
                    int col = 0;
                    for (int b = 0; b < 3; b++) {
                        if (b != j) {
                            minor[r][col++] = m[a][b];
                        }
                    }
                    r++;
                }
                c[j][i] = ((i + j) % 2 == 0 ? 1 : -1) * (minor[0][0] * minor[1][1] - minor[0][1] * minor[1][0]);
            }
        }
        double det = m[0][0] * c[0][0] + m[0][1] * c[1][0] + m[0][2] * c[2][0];
        for (double[] row : c) {
            for (int j = 0; j < 3; j++) {
                row[j] /= det;
            }
        }
        return c;
    }
}
