// Ctrl-C and SIGTERM during an export: the handler only sets a flag; the render loop checks
// interrupted() after each frame and calls FrameSink::abort(), which removes the temporary.
#pragma once

namespace qantar::video {

// Installs handlers for SIGINT and SIGTERM (once; a second signal falls back to the default
// action, so a stuck export can still be killed).
void install_interrupt_handlers();
bool interrupted();
int interrupt_signal();        // the signal received, 0 if none
void reset_interrupted();      // for tests and repeated exports

}  // namespace qantar::video
