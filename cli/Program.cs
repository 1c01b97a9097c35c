using System.CommandLine;
using GovChain.Cli;
using GovChain.Cli.Commands;

var root = new RootCommand("GovChain: privacy-computing credit-data sharing on an auditable BFT ledger (GM/T crypto, BFV, Groth16).");
root.Subcommands.Add(Sm3Command.Create());
root.Subcommands.Add(Sm2Command.Create());
root.Subcommands.Add(Sm4Command.Create());
root.Subcommands.Add(HeCommand.Create());
root.Subcommands.Add(ZkCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(NodeCommand.Create());
root.Subcommands.Add(NetCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(ServiceCommand.Create());
root.Subcommands.Add(WalletCommand.Create());
root.Subcommands.Add(BureauCommand.Create());

return CliRunner.Run(root, args);
