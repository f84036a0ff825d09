// Timer tests mostly wait for Hangfire and CLI tests for child processes: more workers than cores keeps them overlapping.
[assembly: LevelOfParallelism(4)]
