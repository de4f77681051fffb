/*
 * replay.c - run a fuzz target's entry point over saved inputs without
 * libFuzzer, so `make check` replays the seed corpus and every crash
 * ever found under the ordinary sanitizers.
 *
 *     replay_NAME [-v] FILE|DIR...
 *
 * Directories are read one level deep, in name order; names starting
 * with '.' (such as .gitkeep) are skipped.  -v names each input on
 * stderr before running it, so the last name before a sanitizer report
 * is the input that failed.  A crash ends the program through the
 * sanitizer (or abort()); otherwise it prints how many inputs ran and
 * exits 0, or 1 when an input could not be read.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_verbose;

/* Read a whole file into a buffer of exactly its size (from malloc). */
static int
replay_read(const char *path, uint8_t **out, size_t *outlen)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;
	int rc = -1;

	if (f == NULL)
		return -1;
	for (;;) {
		if (len == cap) {
			size_t ncap = cap ? cap * 2 : 4096;
			uint8_t *nb = realloc(buf, ncap);

			if (nb == NULL)
				goto out;
			buf = nb;
			cap = ncap;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f))
		goto out;
	/* an exact-size copy lets ASan catch a read past the input */
	*out = malloc(len ? len : 1);
	if (*out == NULL)
		goto out;
	memcpy(*out, buf, len);
	*outlen = len;
	rc = 0;
out:
	free(buf);
	fclose(f);
	return rc;
}

static int
replay_file(const char *path, int *count)
{
	uint8_t *data;
	size_t len;

	if (replay_read(path, &data, &len) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (replay_verbose)
		fprintf(stderr, "replay: %s\n", path);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	(*count)++;
	return 0;
}

/* One directory entry: regular files only, dot files skipped. */
static int
replay_entry(const char *dir, const char *name, int *count)
{
	char path[4096];
	struct stat st;

	if (name[0] == '.' || snprintf(path, sizeof(path), "%s/%s", dir,
	    name) >= (int)sizeof(path))
		return 0;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	return replay_file(path, count);
}

static int
replay_dir(const char *dir, int *count)
{
	struct dirent **names;
	int i, n, rc = 0;

	n = scandir(dir, &names, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (replay_entry(dir, names[i]->d_name, count) != 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char **argv)
{
	int i = 1, count = 0, rc = 0;

	if (argc > 1 && strcmp(argv[1], "-v") == 0) {
		replay_verbose = 1;
		i++;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: %s [-v] FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i],
			    strerror(errno));
			rc = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (replay_dir(argv[i], &count) != 0)
				rc = 1;
		} else if (replay_file(argv[i], &count) != 0)
			rc = 1;
	}
	printf("replay: %d inputs\n", count);
	return rc;
}
