using AngleSharp.Dom;
using System.Net;
using MilleLivres.Core.Domain;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Web;

public class TownPagesTests(SeededApp app) : IClassFixture<SeededApp>
{
    private static Dictionary<string, string> TownForm(string name, string insee) => new()
    {
        ["Input.Name"] = name,
        ["Input.InseeCode"] = insee,
        ["Input.Departement"] = "Nord",
        ["Input.Region"] = "Hauts-de-France",
        ["Input.CiteEducativeName"] = "",
        ["Input.Status"] = "Candidate",
        ["Input.Principal.Name"] = "Mme Principale",
        ["Input.Principal.Email"] = "principale@college.example",
    };

    [Fact]
    public async Task Staff_creates_a_town_and_the_change_is_audited()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var response = await client.SubmitFormAsync("/Staff/Towns/Create", TownForm("Roubaix", "59512"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var details = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Roubaix", details.Text());
        Assert.Contains("Cité éducative de Roubaix", details.Text());
        Assert.Contains("Mme Principale", details.Text());

        var audit = await app.Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Town" && a.Action == "Added" && a.Changes.Contains("59512")).SingleAsync());
        Assert.Equal(Http.StaffEmail, audit.ActorName);
        Assert.NotNull(audit.ActorId);
    }

    [Fact]
    public async Task Duplicate_insee_code_is_refused_next_to_the_field_and_nothing_changes()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var before = await app.Factory.WithDbAsync(db => db.Towns.CountAsync());
        var response = await client.SubmitFormAsync("/Staff/Towns/Create", TownForm("Lens bis", "62498"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Http.ParseAsync(response);
        Assert.Equal("Le code INSEE 62498 est déjà celui de Lens.", page.FieldError("Input.InseeCode"));
        Assert.Equal("Lens bis", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Name")!.Value);
        Assert.Equal(before, await app.Factory.WithDbAsync(db => db.Towns.CountAsync()));
    }

    [Theory]
    [InlineData("Nulle-Part", "1234", "Input.InseeCode", "n'est pas un code INSEE valide")]
    [InlineData("", "59000", "Input.Name", "Le nom de la ville est obligatoire.")]
    [InlineData("Sans code", "", "Input.InseeCode", "Le code INSEE est obligatoire.")]
    public async Task Invalid_town_gets_a_french_message_at_the_field(string name, string insee, string field, string message)
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var before = await app.Factory.WithDbAsync(db => db.Towns.CountAsync());
        var response = await client.SubmitFormAsync("/Staff/Towns/Create", TownForm(name, insee));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await Http.ParseAsync(response)).FieldError(field));
        Assert.Equal(before, await app.Factory.WithDbAsync(db => db.Towns.CountAsync()));
    }

    [Fact]
    public async Task Editing_a_town_to_another_towns_code_is_refused_and_leaves_it_unchanged()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var trappes = await app.Factory.WithDbAsync(db => db.Towns.SingleAsync(t => t.InseeCode == "78621"));
        var response = await client.SubmitFormAsync($"/Staff/Towns/Edit/{trappes.Id}", new Dictionary<string, string>
        {
            ["Input.InseeCode"] = "62160",
            ["Input.Name"] = "Trappes modifiée",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Boulogne-sur-Mer", (await Http.ParseAsync(response)).FieldError("Input.InseeCode"));
        var after = await app.Factory.WithDbAsync(db => db.Towns.AsNoTracking().SingleAsync(t => t.Id == trappes.Id));
        Assert.Equal("Trappes", after.Name);
        Assert.Equal("78621", after.InseeCode);
    }

    [Fact]
    public async Task Editing_a_town_records_old_and_new_values()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var chenove = await app.Factory.WithDbAsync(db => db.Towns.SingleAsync(t => t.InseeCode == "21166"));
        var response = await client.SubmitFormAsync($"/Staff/Towns/Edit/{chenove.Id}", new Dictionary<string, string>
        {
            ["Input.DeputyDirectorGeneral.Name"] = "M. Dga",
            ["Input.CiteEducativeName"] = "Cité éducative du Mail",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var audit = await app.Factory.WithDbAsync(db => db.AuditEntries
            .Where(a => a.EntityType == "Town" && a.EntityId == chenove.Id.ToString() && a.Action == "Modified").SingleAsync());
        Assert.Contains("Cité éducative du Mail", audit.Changes);
        Assert.Contains("DeputyDirectorGeneral.Name", audit.Changes);
        var details = await client.GetDocumentAsync($"/Staff/Towns/Details/{chenove.Id}");
        Assert.Contains("Cité éducative du Mail", details.QuerySelector("#historique")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task Staff_records_the_coordinator_and_delivery_address_and_sees_them()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var calais = await app.Factory.WithDbAsync(db => db.Towns.SingleAsync(t => t.InseeCode == "62193"));
        var response = await client.SubmitFormAsync($"/Staff/Towns/Edit/{calais.Id}", new Dictionary<string, string>
        {
            ["Input.Coordinator.Name"] = "Nadia Coordinatrice",
            ["Input.Coordinator.Email"] = "nadia@calais.example",
            ["Input.DeliveryStructure"] = "Médiathèque Louis-Aragon",
            ["Input.DeliveryStreet"] = "16 rue du Pont-Lottin",
            ["Input.DeliveryPostcode"] = "62100",
            ["Input.DeliveryCity"] = "Calais",
            ["Input.AccessNotes"] = "Quai de livraison à l'arrière, 9 h - 12 h",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var text = (await client.GetDocumentAsync($"/Staff/Towns/Details/{calais.Id}")).Text();
        Assert.Contains("Nadia Coordinatrice — nadia@calais.example", text);
        Assert.Contains("Médiathèque Louis-Aragon, 16 rue du Pont-Lottin, 62100 Calais", text);
        Assert.Contains("Quai de livraison à l'arrière", text);
        var audit = await app.Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Town" && a.EntityId == calais.Id.ToString() && a.Action == "Modified").SingleAsync());
        // The demo gave Calais a demonstration address: the street and the structure are what changed.
        Assert.Contains("DeliveryAddress.Street", audit.Changes);
        Assert.Contains("DeliveryAddress.Structure", audit.Changes);
    }

    [Fact]
    public async Task A_bad_postcode_is_refused_at_the_field()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var amiens = await app.Factory.WithDbAsync(db => db.Towns.SingleAsync(t => t.InseeCode == "80021"));
        var before = amiens.DeliveryAddress.Postcode;
        var response = await client.SubmitFormAsync($"/Staff/Towns/Edit/{amiens.Id}", new Dictionary<string, string> { ["Input.DeliveryPostcode"] = "800" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Le code postal doit compter 5 chiffres.", (await Http.ParseAsync(response)).FieldError("Input.DeliveryPostcode"));
        // Unchanged: still the demo's address.
        Assert.Equal("80000", before);
        Assert.Equal(before, await app.Factory.WithDbAsync(db => db.Towns.Where(t => t.Id == amiens.Id).Select(t => t.DeliveryAddress.Postcode).SingleAsync()));
    }

    [Fact]
    public async Task Town_search_finds_by_name_and_by_code()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var byName = await client.GetDocumentAsync("/Staff/Towns?q=boulogne");
        Assert.Equal(["Boulogne-sur-Mer"], byName.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()));
        var byCode = await client.GetDocumentAsync("/Staff/Towns?q=62498");
        Assert.Equal(["Lens"], byCode.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Unknown_town_gives_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.Factory.SignedInClientAsync(Http.StaffEmail)).GetAsync("/Staff/Towns/Details/999999")).StatusCode);
}
