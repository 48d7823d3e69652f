using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Receipt;

/// <summary>The carton's delivery has not left yet: there is nothing to receive.</summary>
public sealed class CartonNotDispatchedException(string message) : DomainException(message);

/// <summary>No carton with this code for the user's towns (the page answers 404, as if it did not exist).</summary>
public sealed class CartonNotFoundException() : DomainException("Ce carton n'existe pas.");

/// <summary>A receipt day before the cartons left, or in the future.</summary>
public sealed class ImplausibleReceiptDateException(string message) : DomainException(message, "ReceivedOn");

/// <summary>More copies reported than the carton line holds, or a negative count.</summary>
public sealed class DifferenceQuantityException(string message, string field) : DomainException(message, field);

/// <summary>A differences report with no difference in it (then "Tout est conforme" is the right button).</summary>
public sealed class NoDifferenceReportedException() : DomainException(
    "Indiquez au moins un exemplaire manquant ou abîmé, ou confirmez que tout est conforme.");

/// <summary>A comment too long, a reason not in the list, a line not in the carton.</summary>
public sealed class InvalidDifferenceException(string message, string field) : DomainException(message, field);

/// <summary>The coordinator's correction window is over; staff can still correct.</summary>
public sealed class ReceiptCorrectionClosedException(string message) : DomainException(message);

/// <summary>Staff already resolved a difference of this carton: its receipt no longer changes.</summary>
public sealed class ReceiptLockedException(string message) : DomainException(message);

/// <summary>The difference was already resolved (by write-off or replacement): it is not resolved twice.</summary>
public sealed class DifferenceAlreadyResolvedException(string message) : DomainException(message);
