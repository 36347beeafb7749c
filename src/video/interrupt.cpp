// SIGINT/SIGTERM flag (interrupt.hpp).
#include "interrupt.hpp"

#include <signal.h>

#include <csignal>

namespace qantar::video {

namespace {

volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_signal(int sig) { g_signal = sig; }

}  // namespace

void install_interrupt_handlers() {
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;  // the second Ctrl-C kills as usual
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

bool interrupted() { return g_signal != 0; }
int interrupt_signal() { return static_cast<int>(g_signal); }
void reset_interrupted() { g_signal = 0; }

}  // namespace qantar::video
