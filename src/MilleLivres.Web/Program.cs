using MilleLivres.Web.Cli;
using MilleLivres.Web.Hosting;

namespace MilleLivres.Web;

public partial class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (CommandLine.IsCommand(args))
        {
            // A piped password is read; at a terminal none is awaited and one is generated.
            return await CommandLine.RunAsync(args, Console.IsInputRedirected ? Console.In : null, Console.Out, Console.Error);
        }
        var app = WebApp.Build(args);
        await app.RunAsync();
        return 0;
    }
}
