// Package watch reports new, changed and removed files under the corpus
// folders, so a running bot can reload just those files.
//
// A Watcher watches directories recursively with fsnotify (adding new
// subdirectories as they appear), waits until the folder has been quiet
// for a short debounce, then stats every path it heard about and reports
// the net effect as a sorted batch of Changes. Stating at the end makes
// it robust to the many shapes of a save: an editor's write to a temp
// file renamed over the original is one Modified, a temp file created
// and deleted within the window is nothing, a removed or renamed-away
// directory is a Removed for every file that was under it.
package watch
