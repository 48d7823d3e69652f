using MilleLivres.Core.Options;
using MilleLivres.Core.Pdf;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Packing;

/// <summary>Lays out and renders one town's packing slip: the service the jobs and pages call.</summary>
public sealed class PackingSlipRenderer(IPdfRenderer pdf, IOptions<PackingOptions> options)
{
    private readonly PackingSlipLayout _layout = new(pdf, options.Value.ReceiptUrl);

    public PdfDocumentModel Layout(PackingSlipModel slip) => _layout.Layout(slip);

    public byte[] Render(PackingSlipModel slip) => pdf.RenderToBytes(_layout.Layout(slip));
}
