// A vector whose resize() leaves new elements uninitialized, for large buffers that several
// threads then fill: value-initializing them first would touch (and page-fault) every byte
// on one thread before the workers write the real contents.
#ifndef CCHC_SRC_SUPPORT_UNINITIALIZED_VECTOR_HPP
#define CCHC_SRC_SUPPORT_UNINITIALIZED_VECTOR_HPP

#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace cchc {
inline namespace v1 {
namespace detail {

template <class T>
class DefaultInitAllocator : public std::allocator<T> {
 public:
  using value_type = T;
  template <class U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() noexcept = default;
  template <class U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}

  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;  // default-initialization: no bytes written for trivial U
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

template <class T, class U>
bool operator==(const DefaultInitAllocator<T>&, const DefaultInitAllocator<U>&) noexcept { return true; }
template <class T, class U>
bool operator!=(const DefaultInitAllocator<T>&, const DefaultInitAllocator<U>&) noexcept { return false; }

/// Only for trivially default-constructible T, where "uninitialized" means "not written".
template <class T>
using UninitializedVector = std::vector<T, DefaultInitAllocator<T>>;

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
