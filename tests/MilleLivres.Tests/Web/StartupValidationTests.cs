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
    public void PostgreSql_without_a_connection_string_stops_start_up_with_a_french_message()
    {
        using var factory = new FactoryWith(new() { ["Database:Provider"] = "PostgreSql" });
        var e = Assert.ThrowsAny<Exception>(() => factory.Services);
        var validation = Assert.IsType<OptionsValidationException>(e is OptionsValidationException ? e : e.InnerException ?? e, exactMatch: false);
        Assert.Contains("Database:ConnectionString est obligatoire avec Database:Provider « PostgreSql »", string.Join(" ", validation.Failures));
    }

    [Fact]
    public void A_malformed_postgresql_connection_string_stops_start_up_with_a_french_message()
    {
        using var factory = new FactoryWith(new() { ["Database:Provider"] = "PostgreSql", ["Database:ConnectionString"] = "Hôte=inconnu" });
        var e = Assert.ThrowsAny<Exception>(() => factory.Services);
        var validation = Assert.IsType<OptionsValidationException>(e is OptionsValidationException ? e : e.InnerException ?? e, exactMatch: false);
        Assert.Contains("n'est pas une chaîne de connexion PostgreSQL valide", string.Join(" ", validation.Failures));
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

public class OptionsAnnotationTests
{
    private sealed class FactoryWith(Dictionary<string, string?> settings) : AppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => settings;
    }

    [Theory]
    [InlineData("Stock:PageSize", "2", "Stock:PageSize doit être compris entre 5 et 500.")]
    [InlineData("Allocation:MaxCopiesPerTitle", "0", "Allocation:MaxCopiesPerTitle doit être un nombre d'exemplaires entre 1 et 100.")]
    [InlineData("Applications:InvitationValidityDays", "91", "Applications:InvitationValidityDays doit être compris entre 1 et 90 jours.")]
    [InlineData("BackgroundJobs:WorkerCount", "33", "BackgroundJobs:WorkerCount doit être entre 1 et 32.")]
    [InlineData("BackgroundJobs:LeaseSeconds", "1", "BackgroundJobs:LeaseSeconds doit être entre 5 et 3600 secondes.")]
    public void A_setting_out_of_its_range_stops_start_up_with_its_french_message(string key, string value, string message)
    {
        using var factory = new FactoryWith(new() { [key] = value });
        var e = Assert.ThrowsAny<Exception>(() => factory.Services);
        var validation = Assert.IsType<OptionsValidationException>(e is OptionsValidationException ? e : e.InnerException ?? e, exactMatch: false);
        Assert.Contains(message, string.Join(" ", validation.Failures));
    }
}
