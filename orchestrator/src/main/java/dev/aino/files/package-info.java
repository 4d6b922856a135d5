/** File-system helpers shared by the image store and the runtimes (never follow symlinks). */
package dev.aino.files;
