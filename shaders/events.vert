// Event markers from a static, time-sorted buffer: each event is a quad of 6 vertices at the
// event's map position. Per vertex: colour.rgb = category colour, colour.a = size_level*4 + corner,
// texcoord = (start, end) in minutes since the layer's origin. The formula mirrors
// src/render/event_style.cpp (mark_look); the constants are its own.
#version 120
uniform float u_t;          // story time, minutes since the layer's origin
uniform float u_window;     // moving window, minutes; <= 0 cumulative
uniform vec2 u_px_to_ndc;   // (2 / width, 2 / height)
uniform float u_px_scale;   // marker scale (target height / 1080)

varying vec2 v_local;
varying float v_core;
varying float v_glow;
varying float v_ring;
varying float v_ring_alpha;
varying float v_extent;

// The marker curve's constants (kPulse, kGrow, kShrink, kMaxLife in minutes; kExtent, kBaseRadius,
// kRadiusPerLevel, kTrailGlow, kTrailCore, kVisibleMin) are declared after #version at load, from
// src/render/event_style.hpp: one definition for this shader and the C++ fallback.

void main() {
    float a = floor(gl_Color.a * 255.0 + 0.5);
    float corner = mod(a, 4.0);
    float level = floor(a / 4.0);
    vec2 c = vec2(mod(corner, 2.0) * 2.0 - 1.0, floor(corner / 2.0) * 2.0 - 1.0);
    float start = gl_MultiTexCoord0.x;
    float end = gl_MultiTexCoord0.y;
    float age = u_t - start;
    float r = (kBaseRadius + level * kRadiusPerLevel) * u_px_scale;
    float grow = smoothstep(0.0, kGrow, age);
    float core = 0.0, glow = 0.0, radius = 0.0;
    if (u_t < end) {
        float life = age / max(1.0 / 60.0, min(end - start, kMaxLife));
        glow = (1.0 - 0.85 * min(1.0, life)) * grow;
        core = grow * (1.0 - 0.5 * min(1.0, life));
        radius = r * (0.5 + 0.5 * grow);
    } else {
        float since = u_t - end;
        float fade = 1.0 - smoothstep(0.0, kShrink, since);
        float trail = u_window > 0.0 ? 1.0 - clamp(since / u_window, 0.0, 1.0) : 1.0;
        glow = kTrailGlow * fade;
        core = max(fade, kTrailCore * trail);
        radius = r * (0.4 + 0.6 * fade);
    }
    float ring = -1.0, ring_alpha = 0.0;
    if (age < kPulse) {
        ring = age / kPulse;
        ring_alpha = pow(1.0 - ring, 1.5);
    }
    bool visible = age >= 0.0 && (core > kVisibleMin || glow > kVisibleMin || ring >= 0.0);
    if (!visible) {
        gl_Position = vec4(-10.0, -10.0, -10.0, 1.0);
    } else {
        // The quad only as large as what is lit: a trail dot needs its core, not the glow's reach.
        float extent = (glow > 0.01 || ring >= 0.0) ? kExtent : 1.05;
        vec4 p = gl_ModelViewProjectionMatrix * gl_Vertex;
        p.xy += c * radius * extent * u_px_to_ndc * p.w;
        gl_Position = p;
    }
    v_local = c;
    v_extent = (glow > 0.01 || ring >= 0.0) ? kExtent : 1.05;
    v_core = core;
    v_glow = glow;
    v_ring = ring;
    v_ring_alpha = ring_alpha;
    gl_FrontColor = vec4(gl_Color.rgb, 1.0);
}
