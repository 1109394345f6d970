return NangSuat.Trace.Cli.CliApp.Run(args, Console.Out, Console.Error);
