module vfstrace/tests/clients

go 1.19
