using MilleLivres.Web.Cli;
using MilleLivres.Web.Hosting;

namespace MilleLivres.Web;

public partial class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (CommandLine.IsCommand(args))
        {
            return await CommandLine.RunAsync(args, Console.In, Console.Out, Console.Error);
        }
        var app = WebApp.Build(args);
        await app.RunAsync();
        return 0;
    }
}
