namespace MilleLivres.Web.Hosting;

public static class AppConfiguration
{
    /// <summary>
    /// The app's settings live in the appsettings.json copied beside the binaries (the repository's root file),
    /// so they are the same whatever the working directory; environment variables and arguments override them.
    /// </summary>
    public static void AddAppSettings(this IConfigurationBuilder configuration, string[] args)
    {
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false, reloadOnChange: false);
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
    }
}
