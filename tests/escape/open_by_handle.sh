# A lower file opened by its handle, around the view (needs root).
DESC="name_to_handle_at + open_by_handle_at(O_WRONLY) of a lower file"
NEED_ROOT=yes
attack() { go "$ESC/open_by_handle" "$CANARY" victim; }
