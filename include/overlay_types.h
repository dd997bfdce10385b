/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_OVERLAY_TYPES_H
#define VFSTRACE_OVERLAY_TYPES_H

/*
 * The types overlay mode's entry points (overlay.h) and its handler
 * families (supervisor/overlay_*.c) share.  No functions: the families
 * include this, not overlay.h, so they do not depend on the entry points
 * that call them.
 */

/* What a handler made of a call at its seccomp stop. */
enum ov_result {
	OV_PASS,	/* the kernel runs the call (maybe rewritten) */
	OV_DONE,	/* emulated: skipped, result set (C->ret) */
	OV_EXIT,	/* the kernel runs it; handle the exit stop */
	OV_INJECT,	/* a scratch mapping is being made: resume to exit */
};

#endif
