// The presenter's look: a story frame (core/camera_path.hpp) turned into FrameParams and drawn with
// a caption card. Used by `qantar present` and by `qantar render --story`, so the exported story
// video is the presenter's screen frame for frame.
//
// Layout contract: the caption card sits in a column on one side; the map's free area is the
// screen less that column and the HUD bands, and the camera target sits at the free area's centre,
// so neither the card nor the figures ever cover the place the camera shows. The card goes on the
// side the target lies toward (a western target: card on the left, over the sea and the border
// rather than over the rest of the country). During a flight the card fades out, the free area
// slides to the next beat's side and the next card fades in: all pure functions of the frame.
#pragma once

#include "camera.hpp"
#include "frame.hpp"
#include "labels.hpp"
#include "layout.hpp"

#include "core/camera_path.hpp"
#include "core/story.hpp"

#include <SFML/Graphics.hpp>

namespace qantar::render {

class Renderer;

// HUD size in presenter mode, on top of ui_scale: readable from the back of a room.
inline constexpr double kPresenterHudScale = 1.3;

struct PresenterLayout {
    Insets insets;          // the map's free area is the screen less these
    Box card;               // the caption column (the card is drawn at its bottom, as tall as its text)
    int caption_beat = -1;  // whose caption shows (-1: none, mid-flight)
    double card_alpha = 0;  // 0..1
};

// True when beat's card goes on the left (its target lies west of the country's centre, or on it).
bool card_on_left(const Beat& beat, const ExtentM& country);

// Where the card and the free area are for this frame. Pure.
PresenterLayout presenter_layout(const Story& story, const CameraFrame& frame, const ScreenSize& size,
                                 const ExtentM& country, double hud_scale = kPresenterHudScale);

// The camera: zoom 1 fits the whole country into the free area; frame.centre_m lands at the free
// area's centre.
Camera presenter_camera(const CameraFrame& frame, const ScreenSize& size, const Insets& insets,
                        const ExtentM& country);

// What the presenter screen shows besides the story position.
struct PresenterView {
    ScreenSize size;
    Lang lang = Lang::En;
    const Language* words = nullptr;  // the interface language (FrameParams::words)
    TimeSettings time;
    double seconds_per_day = 3;
    bool timeline = false;  // key T
    bool black = false;     // key B or '.'
    bool spread = true;     // key S, --no-spread
    bool sources = false;   // key I: the beat's sources in full (outlet, date, title)
};

// Draws a whole presenter frame: the map through Renderer::draw with the presenter's params
// (large HUD, no controls), then the caption card. Pure in (story, frame, view).
class Presenter {
public:
    Presenter(Renderer& renderer, const Story& story, const ExtentM& country);

    FrameParams params(const CameraFrame& frame, const PresenterView& view) const;
    // The map's layout as drawn (the caption card is among its obstacles); empty when blacked out.
    FrameLayout draw(sf::RenderTarget& target, const CameraFrame& frame, const PresenterView& view);

private:
    void draw_sources_list(sf::RenderTarget& target, const Beat& beat, const ScreenSize& size, double u,
                           const Language& words) const;

    Renderer& renderer_;
    const Story& story_;
    ExtentM country_;
};

}  // namespace qantar::render
