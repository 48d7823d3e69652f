using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

using DonationPage = MilleLivres.Web.Pages.Staff.Stock.DonationModel;

namespace MilleLivres.Tests.Stock;

public class StockPagesTests(SeededApp app) : IClassFixture<SeededApp>
{
    private AppFactory Factory => app.Factory;

    private async Task<int> BandIdAsync(int minAge) =>
        await Factory.WithDbAsync(db => db.AgeBands.Where(b => b.MinAge == minAge).Select(b => b.Id).SingleAsync());

    [Fact]
    public async Task A_donation_and_an_adjustment_show_on_the_stock_card_with_who_and_why()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var isbn = TestIsbns.Next();
        var band = await BandIdAsync(6);

        var response = await client.SubmitFormAsync("/Staff/Stock/Donation", new Dictionary<string, string>
        {
            ["Input.Publisher"] = "L'École des loisirs",
            ["Input.ReceivedOn"] = "2020-04-20",
            ["Input.Reference"] = "BL-2020-117",
            ["Input.Lines[0].Isbn"] = Isbn.Display(isbn),
            ["Input.Lines[0].Quantity"] = "40",
            ["Input.Lines[0].Name"] = "Loulou",
            ["Input.Lines[0].Authors"] = "Grégoire Solotareff",
            ["Input.Lines[0].AgeBandId"] = band.ToString(),
            ["Input.Lines[0].Genre"] = nameof(Genre.Album),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await Factory.WithDbAsync(db => db.Titles.Where(t => t.Isbn == isbn).Select(t => t.Id).SingleAsync());

        response = await client.SubmitFormAsync($"/Staff/Stock/Adjust/{id}", new Dictionary<string, string>
        {
            ["Input.Quantity"] = "-3",
            ["Input.Reason"] = nameof(AdjustmentReason.Damaged),
            ["Input.Note"] = "mouillés pendant le transport",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Staff/Stock/Details/{id}", response.Headers.Location!.OriginalString);

        var page = await client.GetDocumentAsync($"/Staff/Stock/Details/{id}");
        var counters = page.QuerySelectorAll("#counters tbody td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["37", "0", "37"], counters);
        var rows = page.QuerySelectorAll("#stock-card tbody tr").Select(tr => tr.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        // Newest first: the adjustment, then the donation.
        Assert.Contains("ajustement", rows[0]);
        Assert.Contains("-3", rows[0]);
        Assert.Contains("Abîmé : mouillés pendant le transport", rows[0]);
        Assert.Contains(Http.StaffEmail, rows[0]);
        Assert.Contains("don reçu", rows[1]);
        Assert.Contains("+40", rows[1]);
        Assert.Contains("Don de L'École des loisirs reçu le 20/04/2020", rows[1]);
        Assert.Contains("BL-2020-117", rows[1]);
        Assert.Contains("20/04/2020", rows[1]);
    }

    [Fact]
    public async Task A_donation_line_with_an_unknown_isbn_and_no_title_is_refused_next_to_the_field_and_nothing_is_written()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var known = await StockLedgerTests.NewTitleAsync(Factory, "Déjà connu", onHand: 5);
        var knownIsbn = await Factory.WithDbAsync(db => db.Titles.Where(t => t.Id == known).Select(t => t.Isbn).SingleAsync());
        var unknown = TestIsbns.Next();

        var response = await client.SubmitFormAsync("/Staff/Stock/Donation", new Dictionary<string, string>
        {
            ["Input.Publisher"] = "Actes Sud Junior",
            ["Input.ReceivedOn"] = "2020-05-02",
            ["Input.Lines[0].Isbn"] = knownIsbn,
            ["Input.Lines[0].Quantity"] = "10",
            ["Input.Lines[1].Isbn"] = unknown,
            ["Input.Lines[1].Quantity"] = "4",
            ["Input.Lines[2].Isbn"] = "978-2-07-061275-9",
            ["Input.Lines[2].Quantity"] = "0",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Http.ParseAsync(response);
        Assert.Contains($"ISBN {unknown} inconnu du stock", page.FieldError("Input.Lines[1].Name"));
        Assert.Contains("la clé de contrôle devrait être 8 et non 9", page.FieldError("Input.Lines[2].Isbn"));
        Assert.Equal("La quantité doit être un nombre entier positif.", page.FieldError("Input.Lines[2].Quantity"));
        Assert.Equal("Actes Sud Junior", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.Publisher']")!.Value);
        Assert.Equal(5, await Factory.WithDbAsync(db => db.Titles.Where(t => t.Id == known).Select(t => t.OnHand).SingleAsync()));
        Assert.False(await Factory.WithDbAsync(db => db.Titles.AnyAsync(t => t.Isbn == unknown)));
    }

    [Fact]
    public async Task More_donation_lines_come_without_javascript_and_keep_what_was_typed()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var page = await client.GetDocumentAsync("/Staff/Stock/Donation");
        Assert.Equal(DonationPage.BlankLines, page.QuerySelectorAll("#donation-lines tbody tr").Length);
        var more = page.QuerySelectorAll("main form button").Single(b => b.TextContent.Contains("Ajouter des lignes"));
        Assert.Equal("/Staff/Stock/Donation?handler=MoreLines", more.GetAttribute("formaction"));

        // What the browser posts when that button is pressed: the form's fields to its formaction.
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", Http.AntiforgeryToken(page)),
            new("Input.Publisher", "Rue du Monde"),
            new("Input.ReceivedOn", "2020-04-21"),
            new("Input.Lines[0].Isbn", "9782070612758"),
            new("Input.Lines[0].Quantity", "3"),
        };
        for (var i = 1; i < DonationPage.BlankLines; i++)
        {
            fields.Add(new($"Input.Lines[{i}].Isbn", ""));
        }
        var response = await client.PostAsync("/Staff/Stock/Donation?handler=MoreLines", new FormUrlEncodedContent(fields));
        var again = await Http.ParseAsync(response);
        Assert.Equal(2 * DonationPage.BlankLines, again.QuerySelectorAll("#donation-lines tbody tr").Length);
        Assert.Equal("9782070612758", again.QuerySelector("input[name='Input.Lines[0].Isbn']")!.GetAttribute("value"));
        Assert.Equal("Rue du Monde", again.QuerySelector("input[name='Input.Publisher']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Removing_more_than_available_shows_the_reason_next_to_the_quantity()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var id = await StockLedgerTests.NewTitleAsync(Factory, "Presque épuisé", onHand: 2);
        var response = await client.SubmitFormAsync($"/Staff/Stock/Adjust/{id}", new Dictionary<string, string>
        {
            ["Input.Quantity"] = "-5",
            ["Input.Reason"] = nameof(AdjustmentReason.InventoryCount),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Http.ParseAsync(response);
        Assert.Equal("Impossible de retirer 5 exemplaire(s) de « Presque épuisé » : 2 disponible(s) (2 en stock dont 0 réservé(s)).",
            page.FieldError("Input.Quantity"));
    }

    [Fact]
    public async Task Adjustment_for_another_reason_needs_a_note()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var id = await StockLedgerTests.NewTitleAsync(Factory, "Motif libre", onHand: 2);
        var response = await client.SubmitFormAsync($"/Staff/Stock/Adjust/{id}", new Dictionary<string, string>
        {
            ["Input.Quantity"] = "1",
            ["Input.Reason"] = nameof(AdjustmentReason.Other),
        });
        var page = await Http.ParseAsync(response);
        Assert.Equal("Pour le motif « autre », précisez la raison.", page.FieldError("Input.Note"));
    }

    [Fact]
    public async Task Stock_list_searches_without_accents_filters_by_band_and_pages()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var marker = $"Zéphyrin{Guid.NewGuid():N}"[..16];
        for (var i = 0; i < 3; i++)
        {
            await StockLedgerTests.NewTitleAsync(Factory, $"{marker} tome {i + 1}", onHand: i + 1);
        }
        var search = marker.Replace("é", "e").ToUpperInvariant();

        var page = await client.GetDocumentAsync($"/Staff/Stock?Q={Uri.EscapeDataString(search)}&Sort=AvailableDescending");
        var names = page.QuerySelectorAll("#stock-list tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal([$"{marker} tome 3", $"{marker} tome 2", $"{marker} tome 1"], names);

        var otherBand = await BandIdAsync(15);
        page = await client.GetDocumentAsync($"/Staff/Stock?Q={Uri.EscapeDataString(search)}&Band={otherBand}");
        Assert.Empty(page.QuerySelectorAll("#stock-list tbody tr"));
        Assert.Contains("Aucun titre ne correspond", page.Text());

        var isbn = await Factory.WithDbAsync(db => db.Titles.Where(t => t.Name == $"{marker} tome 2").Select(t => t.Isbn).SingleAsync());
        page = await client.GetDocumentAsync($"/Staff/Stock?Q={Uri.EscapeDataString(Isbn.Display(isbn))}");
        Assert.Equal([$"{marker} tome 2"], page.QuerySelectorAll("#stock-list tbody tr td:first-child").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Stock_list_pages_through_many_titles()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var marker = $"Paginé{Guid.NewGuid():N}"[..14];
        for (var i = 0; i < 55; i++)
        {
            await StockLedgerTests.NewTitleAsync(Factory, $"{marker} {i:00}");
        }
        var first = await client.GetDocumentAsync($"/Staff/Stock?Q={Uri.EscapeDataString(marker)}");
        Assert.Contains("55 titre(s) — page 1 sur 2", first.QuerySelector("#stock-count")!.TextContent);
        Assert.Equal(50, first.QuerySelectorAll("#stock-list tbody tr").Length);
        var next = first.QuerySelectorAll("a.page-link").Single(a => a.TextContent == "Suivante").GetAttribute("href")!;
        var second = await client.GetDocumentAsync(next);
        Assert.Equal([$"{marker} 50", $"{marker} 51", $"{marker} 52", $"{marker} 53", $"{marker} 54"],
            second.QuerySelectorAll("#stock-list tbody tr td:first-child").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task A_search_counts_up_to_the_cap_then_pages_on_in_name_order_until_the_last_match()
    {
        var marker = $"Plafonné{Guid.NewGuid():N}"[..16];
        for (var i = 0; i < 7; i++)
        {
            await StockLedgerTests.NewTitleAsync(Factory, $"{marker} {i:00}");
        }
        // Typed without the accent and in capitals: still the same seven titles.
        var query = (int page) => new StockListQuery(marker.Replace("é", "e").ToUpperInvariant(), Page: page);
        var pages = new List<StockListPage>();
        for (var p = 1; p <= 4; p++)
        {
            pages.Add(await Factory.WithDbAsync(db => StockList.QueryAsync(db, query(p), pageSize: 2, searchCountCap: 3)));
        }

        Assert.True(pages[0].HasMore);
        Assert.Equal(3, pages[0].Total);
        Assert.True(pages[0].HasNextPage);
        // Page 3 needs six matches counted: the count goes as far as the page asked for, and sees a seventh.
        Assert.True(pages[2].HasMore);
        Assert.Equal(3, pages[2].Page);
        // Page 4 counts up to eight and finds seven: the exact total, no further page.
        Assert.False(pages[3].HasMore);
        Assert.Equal(7, pages[3].Total);
        Assert.Equal(4, pages[3].PageCount);
        Assert.False(pages[3].HasNextPage);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"{marker} {i:00}"), pages.SelectMany(p => p.Rows).Select(r => r.Name));
    }

    [Fact]
    public async Task A_search_matching_more_than_five_hundred_titles_says_so_and_offers_the_next_page()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var marker = $"Foisonnant{Guid.NewGuid():N}"[..18];
        await Factory.WithDbAsync(async db =>
        {
            var band = await db.AgeBands.OrderBy(b => b.SortOrder).FirstAsync();
            for (var i = 0; i < StockList.SearchCountCap + 1; i++)
            {
                db.Titles.Add(new Title(TestIsbns.Next(), $"{marker} {i:000}", "Autrice Test", "Éditions Test", band.Id, Genre.Album));
            }
            return await db.SaveChangesAsync();
        });

        var first = await client.GetDocumentAsync($"/Staff/Stock?Q={Uri.EscapeDataString(marker)}");
        Assert.Contains($"Plus de {StockList.SearchCountCap} titres — page 1", first.QuerySelector("#stock-count")!.TextContent);
        var next = first.QuerySelectorAll("a.page-link").Single(a => a.TextContent == "Suivante");
        Assert.DoesNotContain("disabled", next.ParentElement!.ClassName);

        var last = await client.GetDocumentAsync($"/Staff/Stock?Q={Uri.EscapeDataString(marker)}&p=11");
        Assert.Contains($"{StockList.SearchCountCap + 1} titre(s) — page 11 sur 11", last.QuerySelector("#stock-count")!.TextContent);
        Assert.Equal([$"{marker} 500"], last.QuerySelectorAll("#stock-list tbody tr td:first-child").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Summary_by_age_band_adds_up_the_titles_counters()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        await StockLedgerTests.NewTitleAsync(Factory, "Pour la synthèse", onHand: 7);
        var expected = await Factory.WithDbAsync(db => StockSummary.ByAgeBandAsync(db));
        var page = await client.GetDocumentAsync("/Staff/Stock/Summary");
        var rows = page.QuerySelectorAll("#summary tbody tr").ToList();
        Assert.Equal(4, rows.Count);
        var first = rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains("3-5 ans", rows[0].TextContent);
        Assert.Equal([expected[0].Titles.ToString(), expected[0].OnHand.ToString(), expected[0].Reserved.ToString(), expected[0].Available.ToString()], first);
        Assert.True(expected[0].OnHand >= 7);
        var total = await Factory.WithDbAsync(db => db.Titles.SumAsync(t => t.Available));
        Assert.Equal(total.ToString(), page.QuerySelectorAll("#summary tfoot td").Last().TextContent.Trim());
    }

    [Fact]
    public async Task Csv_export_is_utf8_with_bom_and_semicolons_for_french_excel()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        await StockLedgerTests.NewTitleAsync(Factory, "Le Théâtre; d'ombres", onHand: 4);
        var response = await client.GetAsync("/Staff/Stock?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ISBN;Titre;Auteur(s);Éditeur;Tranche d'âge;Genre;Langue;En stock;Réservés;Disponibles", lines[0]);
        var line = lines.Single(l => l.Contains("Théâtre"));
        Assert.Contains(";\"Le Théâtre; d'ombres\";Autrice Test;Éditions Test;3-5 ans;album;français;4;0;4", line);
    }

    [Fact]
    public async Task Xlsx_export_holds_the_stock_with_isbn_as_text()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var id = await StockLedgerTests.NewTitleAsync(Factory, "Tableur & Cie", onHand: 9);
        var isbn = await Factory.WithDbAsync(db => db.Titles.Where(t => t.Id == id).Select(t => t.Isbn).SingleAsync());
        var response = await client.GetAsync("/Staff/Stock?handler=Xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var sheet = System.Xml.Linq.XDocument.Parse(await reader.ReadToEndAsync());
        System.Xml.Linq.XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var row = sheet.Descendants(ns + "row").Single(r => r.Descendants(ns + "t").Any(t => t.Value == "Tableur & Cie"));
        var cells = row.Elements(ns + "c").ToList();
        Assert.Equal("inlineStr", cells[0].Attribute("t")!.Value);
        Assert.Equal(isbn, cells[0].Value);
        Assert.Null(cells[7].Attribute("t"));
        Assert.Equal("9", cells[7].Value);
    }

    [Fact]
    public async Task Coordinators_cannot_see_the_stock()
    {
        var client = await Factory.SignedInClientAsync(Http.LensEmail);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Staff/Stock")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Staff/Stock?handler=Csv")).StatusCode);
    }

    [Fact]
    public async Task Unknown_title_gives_404()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Staff/Stock/Details/987654")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Staff/Stock/Adjust/987654")).StatusCode);
    }
}
