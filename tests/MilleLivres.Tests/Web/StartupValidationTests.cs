using Microsoft.Extensions.Options;
using MilleLivres.Tests.Infrastructure;

namespace MilleLivres.Tests.Web;

public class StartupValidationTests
{
    private sealed class FactoryWith(Dictionary<string, string?> settings) : AppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => settings;
    }

    [Fact]
    public void An_unsupported_database_provider_stops_start_up_with_a_french_message()
    {
        using var factory = new FactoryWith(new() { ["Database:Provider"] = "PostgreSql" });
        var e = Assert.ThrowsAny<Exception>(() => factory.Services);
        var validation = Assert.IsType<OptionsValidationException>(e is OptionsValidationException ? e : e.InnerException ?? e, exactMatch: false);
        Assert.Contains("« PostgreSql » n'est pas encore pris en charge", string.Join(" ", validation.Failures));
    }

    [Fact]
    public void A_data_folder_that_cannot_be_created_stops_start_up()
    {
        using var factory = new FactoryWith(new() { ["Database:DataDirectory"] = "/proc/millelivres-impossible" });
        var e = Assert.ThrowsAny<Exception>(() => factory.Services);
        var validation = Assert.IsType<OptionsValidationException>(e is OptionsValidationException ? e : e.InnerException ?? e, exactMatch: false);
        Assert.Contains("Database:DataDirectory", string.Join(" ", validation.Failures));
    }
}
