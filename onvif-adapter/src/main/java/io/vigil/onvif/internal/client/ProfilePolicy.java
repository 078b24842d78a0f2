package io.vigil.onvif.internal.client;

import io.vigil.onvif.message.MediaProfile;
import io.vigil.onvif.message.Resolution;
import io.vigil.onvif.message.VideoSettings;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which of a camera's profiles Vigil streams: among those with video in one of the accepted
 * encodings, the one whose pixel count is closest to the target's on a logarithmic scale (twice
 * as many pixels is as far off as half as many: the face detector loses small faces below the
 * target and decoding costs grow above it); on a tie the encoding earlier in the list, then the
 * camera's order.
 *
 * @param target    the resolution wanted
 * @param encodings accepted encodings as ONVIF names them ({@code H264}, {@code H265}), preferred first
 */
public record ProfilePolicy(Resolution target, List<String> encodings) {

    /** The default: closest to 1280x720, H.264 or H.265. */
    public static final ProfilePolicy DEFAULT = new ProfilePolicy(new Resolution(1280, 720), List.of("H264", "H265"));

    public ProfilePolicy {
        Objects.requireNonNull(target, "target");
        encodings = encodings.stream().map(encoding -> encoding.toUpperCase(Locale.ROOT)).toList();
        if (encodings.isEmpty()) {
            throw new IllegalArgumentException("a profile policy needs at least one encoding");
        }
    }

    public Optional<MediaProfile> choose(List<MediaProfile> profiles) {
        return profiles.stream()
                .filter(profile -> profile.video().map(video -> rank(video) >= 0).orElse(false))
                .min(Comparator.<MediaProfile>comparingDouble(profile -> distance(profile.video().orElseThrow().resolution()))
                        .thenComparingInt(profile -> rank(profile.video().orElseThrow())));
    }

    private int rank(VideoSettings video) {
        return encodings.indexOf(video.encoding().toUpperCase(Locale.ROOT));
    }

    private double distance(Resolution resolution) {
        return Math.abs(Math.log((double) resolution.pixels() / target.pixels()));
    }
}
