// Golden scenarios run two at a time: the machines this kit targets have two cores.
[assembly: LevelOfParallelism(2)]
