package org.confero.messaging.attachment;

import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;

/** An upload the store refused: too large (413) or not of an allowed, truthfully declared type (415). */
final class AttachmentRejections {

    private AttachmentRejections() {
    }

    static DomainException tooLarge(long maxBytes) {
        return new DomainException(ProblemType.PAYLOAD_TOO_LARGE, "an attachment has at most " + maxBytes + " bytes");
    }

    static DomainException typeNotAllowed(String type) {
        return new DomainException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "files of type '" + type + "' cannot be attached (see confero.chat.attachment.types)");
    }

    static DomainException contentMismatch(String type) {
        return new DomainException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "the file's content is not " + type + " as declared");
    }

    static DomainException empty() {
        return DomainException.invalid("an attachment cannot be empty");
    }
}
