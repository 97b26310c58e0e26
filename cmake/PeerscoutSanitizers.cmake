# PEERSCOUT_SANITIZE="address;undefined" instruments every target (see CMakePresets.json: debug-asan).
set(PEERSCOUT_SANITIZE "" CACHE STRING "Sanitizers to enable, e.g. address;undefined")
if(PEERSCOUT_SANITIZE)
  list(JOIN PEERSCOUT_SANITIZE "," _ps_san)
  add_compile_options(-fsanitize=${_ps_san} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_ps_san})
  message(STATUS "peerscout: sanitizers enabled: ${_ps_san}")
endif()
