package scan

// Line returns the line that starts at data[from], without its "\n" and a
// "\r" before it, and where the next line starts. A line of more than max
// bytes is not looked at past max+1 bytes: ok is false and line is empty,
// so that a file of one endless line costs nothing to refuse. Splitting a
// file into a slice of lines would cost a slice header per line, 24 times
// a file of empty lines.
func Line[T string | []byte](data T, from, max int) (line T, next int, ok bool) {
	end := from
	for end < len(data) && data[end] != '\n' {
		if end-from >= max+1 {
			return line, end, false
		}
		end++
	}
	next = end
	if end < len(data) {
		next = end + 1
	}
	line = data[from:end]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	if len(line) > max {
		return data[from:from], next, false
	}
	return line, next, true
}
