# Compiles core/po/<lang>.po into <build>/locale/<lang>/LC_MESSAGES/kinbridge.mo and installs them.
set(KINBRIDGE_LANGUAGES sv zh_CN)
set(_kinbridge_mo_files "")
foreach(lang IN LISTS KINBRIDGE_LANGUAGES)
  set(_po "${CMAKE_SOURCE_DIR}/core/po/${lang}.po")
  set(_mo "${KINBRIDGE_BUILD_LOCALEDIR}/${lang}/LC_MESSAGES/kinbridge.mo")
  add_custom_command(
    OUTPUT "${_mo}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${KINBRIDGE_BUILD_LOCALEDIR}/${lang}/LC_MESSAGES"
    COMMAND ${MSGFMT_EXECUTABLE} --check --output-file=${_mo} ${_po}
    DEPENDS "${_po}"
    COMMENT "Compiling the ${lang} message catalog"
    VERBATIM)
  list(APPEND _kinbridge_mo_files "${_mo}")
  install(FILES "${_mo}" DESTINATION "${CMAKE_INSTALL_LOCALEDIR}/${lang}/LC_MESSAGES")
endforeach()
add_custom_target(kinbridge_catalogs ALL DEPENDS ${_kinbridge_mo_files})
