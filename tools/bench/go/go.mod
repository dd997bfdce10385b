module vfstrace/tools/bench

go 1.19
