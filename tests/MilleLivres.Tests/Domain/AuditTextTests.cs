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
}
