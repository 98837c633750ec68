"""What a convenor brings to the table: the scenarios-and-actors worksheet and the key judgements an editor approves."""
