// A prose codec a test can see at work (core/event_store's TextCodec): it reverses the text. No
// library; a second codec beside io/prose_codec's own.
#pragma once

#include "core/event_store.hpp"

#include <string>
#include <string_view>

namespace qantar::test {

class ReverseCodec final : public TextCodec {
public:
    void compress_append(std::string_view text, std::string& out) const override { out.append(text.rbegin(), text.rend()); }
    void decompress(std::string_view packed, std::string& out) const override { out.assign(packed.rbegin(), packed.rend()); }
};

}  // namespace qantar::test
