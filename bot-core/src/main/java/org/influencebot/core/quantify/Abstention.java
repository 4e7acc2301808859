package org.influencebot.core.quantify;

/** Why a sample's fake share was not judged. */
public enum Abstention {
  /** Too few accounts in the sample could be scored by the model to estimate a share. */
  TOO_FEW_ASSESSED,
  /** Too many of the sample's accounts lie outside what the model was trained on. */
  OUT_OF_DISTRIBUTION,
  /** The network has no reference sample of ordinary accounts to measure against, nor labeled data of its own. */
  NO_REFERENCE
}
