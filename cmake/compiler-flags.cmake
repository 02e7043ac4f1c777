# Flags every cchc target shares. Rankings must be reproducible across machines:
# no FMA contraction (it changes the doubles the robustness analyses use), no -march=native.
function(cchc_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wconversion -Wshadow -ffp-contract=off)
    if(CCHC_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()
