// The framebuffer blit (gl_blit.hpp): the one place in src/render that calls OpenGL directly.
#include "gl_blit.hpp"

#include <SFML/OpenGL.hpp>
#include <SFML/Window/Context.hpp>

namespace qantar::render {

namespace {

// GL 3.0 / ARB_framebuffer_object entry points, looked up once.
struct FramebufferApi {
    PFNGLGENFRAMEBUFFERSPROC gen = nullptr;
    PFNGLDELETEFRAMEBUFFERSPROC del = nullptr;
    PFNGLBINDFRAMEBUFFERPROC bind = nullptr;
    PFNGLFRAMEBUFFERTEXTURE2DPROC attach = nullptr;
    PFNGLCHECKFRAMEBUFFERSTATUSPROC status = nullptr;
    PFNGLBLITFRAMEBUFFERPROC blit = nullptr;
    bool ok() const { return gen && del && bind && attach && status && blit; }
};

template <class F>
void load(F& f, const char* name) {
    f = reinterpret_cast<F>(sf::Context::getFunction(name));
}

const FramebufferApi& api() {
    static const FramebufferApi a = [] {
        FramebufferApi r;
        load(r.gen, "glGenFramebuffers");
        load(r.del, "glDeleteFramebuffers");
        load(r.bind, "glBindFramebuffer");
        load(r.attach, "glFramebufferTexture2D");
        load(r.status, "glCheckFramebufferStatus");
        load(r.blit, "glBlitFramebuffer");
        return r;
    }();
    return a;
}

}  // namespace

bool blit_texture(const sf::Texture& texture, sf::RenderTarget& target) {
    const sf::Vector2u size = texture.getSize();
    if (size != target.getSize() || size.x == 0 || size.y == 0 || texture.isSmooth()) return false;
    if (!target.setActive(true)) return false;
    const FramebufferApi& gl = api();
    if (!gl.ok()) return false;
    GLint samples = 0;
    glGetIntegerv(GL_SAMPLE_BUFFERS, &samples);  // of the draw framebuffer: a blit cannot resolve into MSAA
    if (samples > 0) return false;
    GLint previous_read = 0;
    glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &previous_read);
    // Framebuffer objects are not shared between contexts: one for this copy, in the target's.
    GLuint source = 0;
    gl.gen(1, &source);
    gl.bind(GL_READ_FRAMEBUFFER, source);
    gl.attach(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture.getNativeHandle(), 0);
    const bool complete = gl.status(GL_READ_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    if (complete) {
        const auto w = static_cast<GLint>(size.x), h = static_cast<GLint>(size.y);
        gl.blit(0, 0, w, h, 0, 0, w, h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
    gl.bind(GL_READ_FRAMEBUFFER, static_cast<GLuint>(previous_read));
    gl.del(1, &source);
    // SFML caches what it last bound (texture, blend mode, shader); a frame that starts with this
    // copy instead of clear() must not trust that cache: raw GL ran here, and the previous frame's
    // readback bound textures behind SFML's back. resetGLStates() is SFML's way back in.
    target.resetGLStates();
    return complete;
}

bool set_scissor(sf::RenderTarget& target, const sf::IntRect& rect) {
    if (!target.setActive(true)) return false;
    const auto h = static_cast<GLint>(target.getSize().y);
    glEnable(GL_SCISSOR_TEST);
    glScissor(rect.left, h - rect.top - rect.height, rect.width, rect.height);  // OpenGL counts rows from the bottom
    return true;
}

void clear_scissor(sf::RenderTarget& target) {
    if (target.setActive(true)) glDisable(GL_SCISSOR_TEST);
}

}  // namespace qantar::render
