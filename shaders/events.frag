// Event marker: a bright core, a soft glow and, in its first hours, an expanding pulse ring.
// Drawn with additive blending on the dark map.
#version 120
uniform float u_desaturate;  // 0..1 (internet shutdown)

varying vec2 v_local;
varying float v_core;
varying float v_glow;
varying float v_ring;
varying float v_ring_alpha;
varying float v_extent;  // quad half-size in core radii

const float kExtent = 3.2;

void main() {
    float d = length(v_local) * v_extent;   // distance in core radii
    if (d > v_extent) discard;
    vec3 base = gl_Color.rgb;
    float core = (1.0 - smoothstep(0.75, 1.0, d)) * v_core;
    float glow = exp(-d * d * 0.38) * v_glow * 0.8;
    float ring = 0.0;
    if (v_ring >= 0.0) {
        float rr = 0.9 + v_ring * (kExtent - 1.1);
        float w = (d - rr) * 5.0;
        ring = exp(-w * w) * v_ring_alpha * 0.9;
    }
    vec3 col = base * (glow + ring) + mix(base, vec3(1.0), 0.35) * core * 0.9;
    float lum = dot(col, vec3(0.299, 0.587, 0.114));
    col = mix(col, vec3(lum), u_desaturate);
    gl_FragColor = vec4(col, 1.0);
}
