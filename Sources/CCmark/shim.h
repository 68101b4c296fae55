#ifndef COACH_CCMARK_SHIM_H
#define COACH_CCMARK_SHIM_H
#include <cmark.h>
#endif
