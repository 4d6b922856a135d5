/** The JSON form of the domain model, shared by the store and the adapters. */
package dev.aino.json;
