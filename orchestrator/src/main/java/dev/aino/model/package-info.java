/**
 * aino's domain model: immutable records validated in their constructors. A {@link
 * dev.aino.error.ValidationException} names the field and the reason; enclosing objects prefix the
 * path (see {@link dev.aino.error.ValidationException#under}).
 */
package dev.aino.model;
