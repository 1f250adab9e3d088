/* The rows a filter drops, kept when the user asks (--rejects FILE): the
 * input's columns plus a "reason" column. */
#ifndef SVY_REJECTS_H
#define SVY_REJECTS_H

#include "tsv.h"

typedef struct {
	tsv_writer w;
	int active;
} rejects;

/* Start writing to PATH with R's header; PATH NULL means rejects are not kept. */
void rejects_open(rejects *rj, const char *path, const tsv_reader *r);
/* Keep R's current row with REASON (no-op when not active). */
void rejects_add(rejects *rj, const tsv_reader *r, const char *reason);
void rejects_close(rejects *rj);

#endif
