using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Stock;

public class StockImportTests(SeededApp app) : StockImportTestsBase, IClassFixture<SeededApp>
{
    protected override AppFactory Factory => app.Factory;
}

/// <summary>The same import tests on PostgreSQL (ADR 0900), where the importer writes by binary COPY.</summary>
public class StockImportPostgreSqlTests(SeededPostgresApp app) : StockImportTestsBase, IClassFixture<SeededPostgresApp>
{
    protected override AppFactory Factory => app.Factory;
}

public abstract class StockImportTestsBase
{
    protected abstract AppFactory Factory { get; }

    private static byte[] Windows1252(string text) => CsvText.Windows1252.GetBytes(text);

    private async Task<T> WithImporterAsync<T>(Func<StockImporter, Task<T>> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<StockImporter>());
    }

    /// <summary>Posts a file to the import page as a browser does (multipart, with the form's antiforgery token).</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName, string publisher, string date)
    {
        var page = await client.GetDocumentAsync("/Staff/Stock/Import");
        var form = new MultipartFormDataContent
        {
            { new StringContent(Http.AntiforgeryToken(page, "#import-form")), "__RequestVerificationToken" },
            { new StringContent(publisher), "Input.Publisher" },
            { new StringContent(date), "Input.ReceivedOn" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Input.File", fileName);
        return await client.PostAsync("/Staff/Stock/Import?handler=Preview", form);
    }

    [Fact]
    public async Task A_windows_1252_semicolon_file_with_accents_is_previewed_then_imported_from_the_page()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var existingId = await StockLedgerTests.NewTitleAsync(Factory, "Déjà en stock", onHand: 5);
        var existingIsbn = await Factory.WithDbAsync(db => db.Titles.Where(t => t.Id == existingId).Select(t => t.Isbn).SingleAsync());
        var (a, b) = (TestIsbns.Next(), TestIsbns.Next());
        var csv = "ISBN;Titre;Auteur(s);Éditeur;Âge min;Âge max;Tranche;Genre;Quantité\r\n"
            + $"{Isbn.Display(a)};\"Les Mystères de l'Île; tome 1\";Hélène Béranger;Éditions Bayard Jeunesse;8;12;;roman;30\r\n"
            + $"{b};Ça pétille !;Zoé Müller;;;;3-5 ans;album;12\r\n"
            + $"{existingIsbn};Déjà en stock;;;;;;;8\r\n";

        var response = await UploadAsync(client, Windows1252(csv), "dons-bayard.csv", "Bayard Jeunesse", "2020-04-27");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await Http.ParseAsync(response);
        var report = preview.QuerySelector("#import-report")!.TextContent;
        Assert.Contains("3 ligne(s) valide(s) : 2 titre(s) à créer, 1 titre(s) existant(s) complété(s), 50 exemplaire(s) au total.", report);
        Assert.Contains("Aucune ligne invalide.", report);
        var lines = preview.QuerySelectorAll("#import-lines tbody tr").Select(tr => tr.TextContent).ToList();
        Assert.Contains("Les Mystères de l'Île; tome 1", lines[0]);
        Assert.Contains("titre créé", lines[0]);
        Assert.Contains("ajouté au titre existant", lines[2]);
        // The preview wrote nothing.
        Assert.False(await Factory.WithDbAsync(db => db.Titles.AnyAsync(t => t.Isbn == a)));

        response = await client.SubmitFormAsync(preview, new Dictionary<string, string>(), "#commit-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var titles = await Factory.WithDbAsync(db => db.Titles.AsNoTracking().Include(t => t.AgeBand)
            .Where(t => t.Isbn == a || t.Isbn == b || t.Isbn == existingIsbn).ToDictionaryAsync(t => t.Isbn));
        Assert.Equal("Les Mystères de l'Île; tome 1", titles[a].Name);
        Assert.Equal("Hélène Béranger", titles[a].Authors);
        Assert.Equal("Éditions Bayard Jeunesse", titles[a].Publisher);
        Assert.Equal(6, titles[a].AgeBand.MinAge); // 8-12: three years in 6-10, two in 11-14
        Assert.Equal(Genre.Roman, titles[a].Genre);
        Assert.Equal(30, titles[a].OnHand);
        Assert.Equal("Ça pétille !", titles[b].Name);
        Assert.Equal("Bayard Jeunesse", titles[b].Publisher); // no éditeur on the line: the donor
        Assert.Equal(3, titles[b].AgeBand.MinAge);
        Assert.Equal(13, titles[existingIsbn].OnHand);

        var card = await client.GetDocumentAsync($"/Staff/Stock/Details/{titles[a].Id}");
        var row = card.QuerySelector("#stock-card tbody tr")!.TextContent;
        Assert.Contains("Don de Bayard Jeunesse reçu le 27/04/2020 (import « dons-bayard.csv »)", row);
        Assert.Contains("dons-bayard.csv ligne 2", row);
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(StockImport)));
        Assert.True(audit >= 1);
    }

    [Fact]
    public async Task A_file_with_bad_rows_writes_nothing_and_reports_each_line()
    {
        var good = TestIsbns.Next();
        var csv = "isbn,title,authors,publisher,min age,max age,genre,quantity\n"
            + $"{good},Un bon livre,Anne Onyme,Flammarion,6,10,novel,5\n"
            + "978-2-07-061275-9,Mauvaise clé,X,Y,6,10,roman,5\n"
            + $"{TestIsbns.Next()},Sans quantité,X,Y,6,10,roman,\n"
            + $"{TestIsbns.Next()},Hors programme,X,Y,0,2,roman,3\n"
            + $"{TestIsbns.Next()},,X,Y,6,10,roman,3\n"
            + $"{TestIsbns.Next()},Genre bizarre,X,Y,6,10,cuisine,3\n";
        var before = await Factory.WithDbAsync(db => db.Titles.CountAsync());

        var preview = await WithImporterAsync(i => i.PreviewAsync(Encoding.UTF8.GetBytes(csv), "mauvais.csv", "Flammarion", new DateOnly(2020, 5, 1)));
        Assert.Equal([3, 4, 5, 6, 7], preview.Errors.Select(e => e.Line));
        Assert.Contains("la clé de contrôle devrait être 8 et non 9", preview.Errors[0].Reason);
        Assert.Contains("Quantité manquante", preview.Errors[1].Reason);
        Assert.Contains("hors du programme", preview.Errors[2].Reason);
        Assert.Contains("le titre est obligatoire pour le créer", preview.Errors[3].Reason);
        Assert.Contains("Genre « cuisine » inconnu", preview.Errors[4].Reason);
        Assert.Single(preview.Lines);

        var e = await Assert.ThrowsAsync<DomainException>(() =>
            WithImporterAsync(i => i.CommitAsync(Encoding.UTF8.GetBytes(csv), "mauvais.csv", "Flammarion", new DateOnly(2020, 5, 1), false)));
        Assert.Contains("5 ligne(s) invalide(s) : rien n'a été importé", e.Message);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Titles.CountAsync()));
        Assert.False(await Factory.WithDbAsync(db => db.Titles.AnyAsync(t => t.Isbn == good)));
        Assert.False(await Factory.WithDbAsync(db => db.StockImports.AnyAsync(i => i.FileName == "mauvais.csv")));
    }

    [Fact]
    public async Task The_page_shows_every_invalid_line_and_offers_no_import_button()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var csv = "ISBN;Titre;Tranche;Quantité\n" + $"{TestIsbns.Next()};Bon;6-10 ans;2\n" + "123;Mauvais;6-10 ans;2\n";
        var response = await UploadAsync(client, Encoding.UTF8.GetBytes(csv), "a.csv", "Nathan", "2020-04-01");
        var page = await Http.ParseAsync(response);
        var errors = page.QuerySelectorAll("#import-errors tbody tr").Select(tr => tr.TextContent).ToList();
        Assert.Single(errors);
        Assert.Contains("3", errors[0]);
        Assert.Contains("il faut 10 ou 13 chiffres, il y en a 3", errors[0]);
        Assert.Null(page.QuerySelector("#commit-form"));
        // Listed once: in the table, not again in the report above it.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page.QuerySelector("main")!.TextContent, "il faut 10 ou 13 chiffres"));
    }

    [Fact]
    public async Task The_same_file_imported_twice_is_refused_unless_staff_confirm()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var isbn = TestIsbns.Next();
        var content = Encoding.UTF8.GetBytes("\uFEFFISBN;Titre;Âge;Quantité\n" + $"{isbn};Deux fois;11-14 ans;10\n");

        var first = await Http.ParseAsync(await UploadAsync(client, content, "deux.csv", "Casterman", "2020-06-01"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(first, new Dictionary<string, string>(), "#commit-form")).StatusCode);

        var second = await Http.ParseAsync(await UploadAsync(client, content, "deux-copie.csv", "Casterman", "2020-06-01"));
        Assert.Contains("ce fichier a déjà été importé", second.QuerySelector("#import-report")!.TextContent);
        var refused = await client.SubmitFormAsync(second, new Dictionary<string, string>(), "#commit-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await Http.ParseAsync(refused);
        Assert.Contains("Confirmez pour l'importer une seconde fois", refusedPage.FieldError("Input.ConfirmDuplicate"));
        Assert.Equal(10, await Factory.WithDbAsync(db => db.Titles.Where(t => t.Isbn == isbn).Select(t => t.OnHand).SingleAsync()));

        var confirmed = await client.SubmitFormAsync(refusedPage, new Dictionary<string, string> { ["Input.ConfirmDuplicate"] = "true" }, "#commit-form");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(20, await Factory.WithDbAsync(db => db.Titles.Where(t => t.Isbn == isbn).Select(t => t.OnHand).SingleAsync()));
    }

    [Fact]
    public async Task A_file_over_10_mb_is_refused_with_a_clear_message()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var big = new byte[10 * 1024 * 1024 + 1];
        Array.Fill(big, (byte)'a');
        var page = await Http.ParseAsync(await UploadAsync(client, big, "enorme.csv", "Gallimard", "2020-04-01"));
        Assert.Equal("Le fichier fait 10,0 Mo : la limite est de 10 Mo. Découpez-le en plusieurs fichiers.", page.FieldError("Input.File"));
    }

    [Fact]
    public async Task Comma_file_in_utf8_with_english_headers_and_quoted_line_breaks_is_read()
    {
        var isbn = TestIsbns.Next();
        var csv = "\uFEFF\"ISBN\",\"Title\",\"Authors\",\"Age band\",\"Genre\",\"Quantity\"\r\n"
            + $"\"{isbn}\",\"Le grand \"\"livre\"\",\r\nédition illustrée\",\"Dupont, Durand\",\"15-18\",\"BD\",\"7\"\r\n"
            + $"\"{TestIsbns.Next()}\",\"Suivant\",\"\",\"collège\",\"\",\"1\"\r\n";
        var preview = await WithImporterAsync(i => i.PreviewAsync(Encoding.UTF8.GetBytes(csv), "en.csv", "Dargaud", new DateOnly(2020, 1, 1)));
        Assert.Empty(preview.Errors);
        Assert.Equal("Le grand \"livre\",\r\nédition illustrée", preview.Lines[0].Name);
        Assert.Equal("Dupont, Durand", preview.Lines[0].Authors);
        Assert.Equal(Genre.BandeDessinee, preview.Lines[0].Genre);
        Assert.Equal(Genre.Autre, preview.Lines[1].Genre);
        Assert.Equal(4, preview.Lines[1].Line); // the quoted line break makes the first record span lines 2-3
    }
}
