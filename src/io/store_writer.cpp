// The store's side of a load (store_writer.hpp).
#include "store_writer.hpp"

namespace qantar::loading {

void StoreWriter::write(const Batch& batch, std::size_t used) {
    for (std::size_t i = 0; i < used; ++i) {
        out_.push_back(batch[i].event);
        const std::uint32_t code = key_pool_.intern(batch[i].key);
        if (code >= key_counts_.size()) key_counts_.push_back(0);
        ++key_counts_[code];
        keys_.push_back(code);
        packer_.poll();
    }
}

}  // namespace qantar::loading
