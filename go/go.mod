module github.com/coserr/coserr/go

go 1.24
