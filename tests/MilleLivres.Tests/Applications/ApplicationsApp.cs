using MilleLivres.Core.Applications;
using MilleLivres.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MilleLivres.Tests.Applications;

/// <summary>The seeded app with a fake clock and a submission limit high enough for a class of tests.</summary>
public class ApplicationsFactory : AppFactory
{
    /// <summary>A clock tests move by hand (Advance). Starts at the real time so cookies and keys behave normally.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected virtual int SubmissionsPerWindow => 1000;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Applications:SubmissionsPerWindow"] = SubmissionsPerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class StrictRateLimitFactory : ApplicationsFactory
{
    public const int Limit = 2;

    protected override int SubmissionsPerWindow => Limit;
}

public sealed class ApplicationsApp : IAsyncLifetime
{
    public ApplicationsFactory Factory { get; } = new();

    public Task InitializeAsync() => Factory.SeededAsync();

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Filling the public form as an applicant would.</summary>
public static class ApplyForm
{
    public const string Url = "/Apply";

    /// <summary>A complete, valid application for a town not in any wave (Amiens by default), with overrides.</summary>
    public static Dictionary<string, string> Valid(string townName = "Amiens", string insee = "80021", IDictionary<string, string>? overrides = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.TownName"] = townName,
            ["Input.InseeCode"] = insee,
            ["Input.CiteEducativeName"] = $"Cité éducative de {townName}",
            ["Input.IsMember"] = "oui",
            ["Input.ApplicantName"] = "Claire Martin",
            ["Input.ApplicantRole"] = "Adjointe au maire chargée de l'éducation",
            ["Input.ApplicantEmail"] = "claire.martin@ville.example.fr",
            ["Input.ApplicantPhone"] = "03 22 97 40 00",
            ["Input.CoordinatorName"] = "Karim Benali",
            ["Input.CoordinatorEmail"] = $"coordination.{insee}@ville.example.fr",
            ["Input.CoordinatorPhone"] = "+33 6 12 34 56 78",
            ["Input.DeliveryStructure"] = "Médiathèque Louis Aragon",
            ["Input.DeliveryStreet"] = "2 rue Gresset",
            ["Input.DeliveryPostcode"] = "80000",
            ["Input.DeliveryCity"] = townName,
            ["Input.AccessNotes"] = "Ouvert du mardi au samedi, 10 h - 18 h ; quai de livraison rue arrière, ascenseur.",
            ["Input.Partners"] = "Écoles élémentaires du quartier, collège, médiathèque, centre social.",
            ["Input.Plan"] = "Remise des livres en classe et à la médiathèque, lectures avec les familles.",
            ["Input.Consent"] = "true",
            ["Input.Children[0].Count"] = "120",
            ["Input.Children[1].Count"] = "300",
            ["Input.Children[2].Count"] = "250",
            ["Input.Children[3].Count"] = "0",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            fields[key] = value;
        }
        return fields;
    }

    /// <summary>Submits a valid application and returns the private status URL shown on the confirmation page.</summary>
    public static async Task<string> SubmitAsync(HttpClient client, Dictionary<string, string> fields)
    {
        var response = await client.SubmitFormAsync(Url, fields);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Apply/Confirmation", response.Headers.Location!.OriginalString);
        var confirmation = await client.GetDocumentAsync("/Apply/Confirmation");
        var link = confirmation.QuerySelector("#status-link")?.GetAttribute("href");
        Assert.NotNull(link);
        return new Uri(link).PathAndQuery;
    }

    public static Task<int> CountAsync(AppFactory factory) => factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.TownApplications));
}
