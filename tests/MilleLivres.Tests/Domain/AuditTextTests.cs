using MilleLivres.Core.Auditing;

namespace MilleLivres.Tests.Domain;

public class AuditTextTests
{
    [Fact]
    public void A_status_change_reads_in_french_instead_of_json()
    {
        Assert.Equal(["État : en préparation → dotations réservées"], AuditText.Describe("Wave", "Modified", """{"Status":[0,1]}"""));
        Assert.Equal(["État : déposée → en cours d'examen"], AuditText.Describe("TownApplication", "Modified", """{"Status":[0,1]}"""));
    }

    [Fact]
    public void Values_and_owned_properties_read_as_words_and_dates()
    {
        var lines = AuditText.Describe("Town", "Modified",
            """{"IsVilleBanlieueMember":[false,true],"DeliveryAddress.Postcode":[null,"62300"],"PlannedDeliveryOn":["2020-04-27",null]}""");
        Assert.Equal(["Adhérente Ville & Banlieue : non → oui", "Adresse de livraison — Code postal : (vide) → 62300", "Livraison prévue : 27/04/2020 → (vide)"], lines);
        Assert.Equal("vague", AuditText.Entity("Wave"));
        Assert.Equal(["pas du JSON"], AuditText.Describe("Wave", "Modified", "pas du JSON"));
    }

    [Fact]
    public void A_long_list_shows_its_first_items_and_how_many_more_when_a_limit_is_asked_and_everything_otherwise()
    {
        var changes = """{"Lines":3,"Towns":[{"Town":1},{"Town":2},{"Town":3},{"Town":4},{"Town":5}]}""";

        var limited = AuditText.Describe("Wave", "Allocated", changes, listLimit: 2);
        var full = AuditText.Describe("Wave", "Allocated", changes);

        Assert.Equal(2, limited.Count);
        Assert.Equal(full[0], limited[0]);
        Assert.EndsWith("… et 3 autres (détail complet dans le journal d'audit)", limited[1]);
        Assert.Contains(": 1 }", limited[1]);
        Assert.DoesNotContain(": 3 }", limited[1]);
        Assert.Contains(": 5 }", full[1]);
        Assert.Equal(full, AuditText.Describe("Wave", "Allocated", changes, listLimit: 5));
    }
}
